using System;

namespace PodBinding.Generators.Model;

/// <summary>Class shapes the generator cannot write a loader for (see <c>Parser.GetShapeProblems</c>); PB0102.</summary>
[Flags]
internal enum TargetProblems
{
    None = 0,
    Struct = 1 << 0,
    NotAClass = 1 << 1,
    Record = 1 << 2,
    Static = 1 << 3,
    Abstract = 1 << 4,
    Generic = 1 << 5,
    Nested = 1 << 6,
    NoParameterlessConstructor = 1 << 7,
}
