using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.ApiKeys;

public sealed record AuthenticatedCaller(Guid ApiKeyId, Guid OrganizationId);
