using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.ApiKeys;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

/// <param name="Key">The full key: returned this once, never stored.</param>
public sealed record CreatedApiKey(Guid Id, Secret Key, string DisplayPrefix);
