using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.ApiKeys;
using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Infrastructure.Persistence;

public sealed class SqliteCleanAgentDbContext(DbContextOptions<SqliteCleanAgentDbContext> options) : CleanAgentDbContext(options);
