using System.Runtime.CompilerServices;

// The checkpoint tests inject failing streams through Trainer's internal SaveCheckpoint overload.
[assembly: InternalsVisibleTo("Dsl.Runtime.Tests")]

// The benchmark switches internal levers (TrainerOptions.InferenceMode, DeferAccuracyReads) off for its ablations, builds
// its bf16 experiment from the optimizer settings, and passes Mnist.Load's data folder to its worker processes.
[assembly: InternalsVisibleTo("Dsl.Bench")]

// The reporting package writes run records with the trainer's JSON settings and atomic file writes; it ships in
// lock-step with this one (the same version), so it may share these internals.
[assembly: InternalsVisibleTo("Dsl.Reporting")]
