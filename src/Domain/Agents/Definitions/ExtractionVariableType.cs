namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>The type of an extracted variable; Dograh names them <c>string</c>, <c>number</c> and <c>boolean</c>.</summary>
public enum ExtractionVariableType
{
    /// <summary><c>"string"</c>.</summary>
    Text = 0,

    /// <summary><c>"number"</c>.</summary>
    Number,

    /// <summary><c>"boolean"</c>.</summary>
    Boolean,
}
