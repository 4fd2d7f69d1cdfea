namespace CleanAgent.IntegrationTests.Support;

public sealed class SqlServerHostFixture() : HostFixture(new SqlServerTestDatabase());
