using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace CleanAgent.IntegrationTests.Persistence;

/// <param name="Type">The provider type of the column, or null when the SQL gives no model column to type it by.</param>
internal sealed record SyntheticColumn(string Name, Type? Type);

/// <summary>One result set: cells hold provider values, <see cref="DBNull"/>, or <see cref="UntypedValue"/>.</summary>
internal sealed record SyntheticResultSet(IReadOnlyList<SyntheticColumn> Columns, IReadOnlyList<object[]> Rows);

/// <summary>
/// A cell of an expression the harness cannot type from the model (<c>CASE WHEN EXISTS …</c>, <c>COALESCE(SUM(…), 0)</c>):
/// it takes the type the reader is asked for, and the answer that lets the use case go on: true for a flag
/// (the row exists), zero for a number (nothing used yet).
/// </summary>
internal sealed class UntypedValue
{
    public static readonly UntypedValue Instance = new();

    private UntypedValue() { }

    public static object As(Type type, DateTime now)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return true;
        if (type == typeof(string)) return "synthetic";
        if (type == typeof(Guid)) return SyntheticRows.Id;
        if (type == typeof(DateTime)) return now;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(now, TimeSpan.Zero);
        if (type == typeof(byte[])) return Array.Empty<byte>();
        return Convert.ChangeType(0, type, CultureInfo.InvariantCulture);
    }
}

/// <summary>A data reader over result sets made up in memory, for EF to materialise as if a server had sent them.</summary>
internal sealed class SyntheticDataReader(IReadOnlyList<SyntheticResultSet> resultSets, int recordsAffected, DateTime now) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private SyntheticResultSet? Set => _set < resultSets.Count ? resultSets[_set] : null;
    private object[] Row => Set is { } set && _row >= 0 && _row < set.Rows.Count ? set.Rows[_row] : throw new InvalidOperationException("No current row.");

    public override int FieldCount => Set?.Columns.Count ?? 0;
    public override bool HasRows => Set is { Rows.Count: > 0 };
    public override bool IsClosed => _closed;
    public override int RecordsAffected => recordsAffected;
    public override int Depth => 0;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => Set is { } set && ++_row < set.Rows.Count;

    public override bool NextResult()
    {
        _set++;
        _row = -1;
        return _set < resultSets.Count;
    }

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Set!.Columns[ordinal].Name;
    public override int GetOrdinal(string name) => Set!.Columns.ToList().FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
    public override Type GetFieldType(int ordinal) => Set!.Columns[ordinal].Type ?? typeof(object);
    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;
    public override bool IsDBNull(int ordinal) => Row[ordinal] is DBNull;

    public override object GetValue(int ordinal) => Row[ordinal] is UntypedValue
        ? throw new InvalidOperationException($"Column {ordinal} ({GetName(ordinal)}) has no model type; read it with a typed getter.")
        : Row[ordinal];

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++) values[i] = GetValue(i);
        return count;
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        var value = Row[ordinal];
        if (value is DBNull) throw new InvalidCastException($"Column {ordinal} ({GetName(ordinal)}) is NULL.");
        if (value is UntypedValue) return (T)UntypedValue.As(typeof(T), now);
        if (value is T typed) return typed;
        return (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public override bool GetBoolean(int ordinal) => GetFieldValue<bool>(ordinal);
    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);
    public override char GetChar(int ordinal) => GetFieldValue<char>(ordinal);
    public override DateTime GetDateTime(int ordinal) => GetFieldValue<DateTime>(ordinal);
    public override decimal GetDecimal(int ordinal) => GetFieldValue<decimal>(ordinal);
    public override double GetDouble(int ordinal) => GetFieldValue<double>(ordinal);
    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);
    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);
    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);
    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);
    public override long GetInt64(int ordinal) => GetFieldValue<long>(ordinal);
    public override string GetString(int ordinal) => GetFieldValue<string>(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Copy(GetFieldValue<byte[]>(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Copy(GetFieldValue<string>(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    private static long Copy<T>(T[] source, long dataOffset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null) return source.Length;
        var count = (int)Math.Max(0, Math.Min(length, source.Length - dataOffset));
        Array.Copy(source, dataOffset, buffer, bufferOffset, count);
        return count;
    }
}
