using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Quota;

/// <summary>The call slot a successful <see cref="CheckQuota"/> holds for the call.</summary>
public sealed record ReservedCallSlot(Guid ReservationId);
