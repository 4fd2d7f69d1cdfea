using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

public sealed record StartedRun(Guid RunId, string Name);
