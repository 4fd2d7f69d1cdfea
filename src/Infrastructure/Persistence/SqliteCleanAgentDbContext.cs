using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Infrastructure.Persistence;

public sealed class SqliteCleanAgentDbContext(DbContextOptions<SqliteCleanAgentDbContext> options) : CleanAgentDbContext(options);
