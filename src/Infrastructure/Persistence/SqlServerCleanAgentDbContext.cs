using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Infrastructure.Persistence;

public sealed class SqlServerCleanAgentDbContext(DbContextOptions<SqlServerCleanAgentDbContext> options) : CleanAgentDbContext(options);
