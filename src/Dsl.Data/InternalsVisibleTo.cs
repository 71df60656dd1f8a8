using System.Runtime.CompilerServices;

// The data tests drive Mnist.Load with fake sources and a fixture-sized file set (no network, no npm).
[assembly: InternalsVisibleTo("Dsl.Runtime.Tests")]

// The benchmark passes Mnist.Load's data folder to its worker processes.
[assembly: InternalsVisibleTo("Dsl.Bench")]
