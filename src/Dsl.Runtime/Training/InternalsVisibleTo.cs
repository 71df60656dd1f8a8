using System.Runtime.CompilerServices;

// The checkpoint tests inject failing streams through Trainer's internal SaveCheckpoint overload.
[assembly: InternalsVisibleTo("Dsl.Runtime.Tests")]

// The benchmark switches internal levers (TrainerOptions.InferenceMode, DeferAccuracyReads) off for its ablations.
[assembly: InternalsVisibleTo("Dsl.Bench")]
