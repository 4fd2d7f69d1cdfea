using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Telephony;

/// <param name="AuthToken">In clear, for this call only: never stored, logged or printed (<see cref="Secret"/> hides it).</param>
public sealed record TelephonyCredentials(string AccountSid, Secret AuthToken);
