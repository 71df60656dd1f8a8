using System.Runtime.CompilerServices;

// The checkpoint tests inject failing streams through Trainer's internal SaveCheckpoint overload.
[assembly: InternalsVisibleTo("Dsl.Runtime.Tests")]
