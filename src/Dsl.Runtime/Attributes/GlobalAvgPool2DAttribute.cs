using System;

namespace Dsl;

/// <summary>Averages each channel over height and width, giving a vector (Keras <c>GlobalAveragePooling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2DAttribute : Attribute
{
}
