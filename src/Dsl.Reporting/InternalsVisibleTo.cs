using System.Runtime.CompilerServices;

// The plot tests check the series colours.
[assembly: InternalsVisibleTo("Dsl.Runtime.Tests")]
