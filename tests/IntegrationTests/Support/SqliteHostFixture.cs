namespace CleanAgent.IntegrationTests.Support;

public sealed class SqliteHostFixture() : HostFixture(new SqliteTestDatabase());
