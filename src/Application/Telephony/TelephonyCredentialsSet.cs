using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Telephony;

/// <param name="Replaced">True when the organization already had credentials at this provider.</param>
public sealed record TelephonyCredentialsSet(Guid OrganizationId, string Provider, string AccountSid, bool Replaced, DateTime UpdatedAt);
