using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

public sealed record CreatedAgent(Guid Id, Guid AgentUuid, Guid VersionId);
