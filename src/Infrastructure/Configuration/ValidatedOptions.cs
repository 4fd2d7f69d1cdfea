using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Configuration;

/// <summary>
/// Settings bound from one configuration section and checked by a FluentValidation validator when the server
/// starts: a bad value stops the start with a message naming the key, instead of failing every call later.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : IValidator<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new FluentOptionsValidator<TOptions>(section, new TValidator()));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class FluentOptionsValidator<TOptions>(string section, IValidator<TOptions> validator) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = validator.Validate(options);
            return result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{section}:{e.PropertyName} {e.ErrorMessage}"));
        }
    }
}
