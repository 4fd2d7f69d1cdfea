using FluentValidation;

namespace CleanAgent.Infrastructure.Configuration;

/// <summary>The few shapes a setting's rule takes, with messages that read after the key ("Media:MaxLead must be …").</summary>
public static class SettingRules
{
    public static IRuleBuilderOptions<T, TimeSpan> Within<T>(this IRuleBuilder<T, TimeSpan> rule, TimeSpan min, TimeSpan max) =>
        rule.InclusiveBetween(min, max).WithMessage($"must be between {min:c} and {max:c} (was {{PropertyValue}}).");

    public static IRuleBuilderOptions<T, int> Within<T>(this IRuleBuilder<T, int> rule, int min, int max) =>
        rule.InclusiveBetween(min, max).WithMessage($"must be between {min} and {max} (was {{PropertyValue}}).");
}
