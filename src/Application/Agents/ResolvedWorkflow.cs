using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Agents;

public sealed record ResolvedWorkflow(Guid AgentId, Guid AgentUuid, AgentKind Kind, Guid VersionId, int VersionNumber, string DefinitionJson);
