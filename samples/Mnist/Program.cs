using Samples.Mnist.Cli;

// The seed notebook ("Convolutional Neural Networks on MNIST") as a program: train and compare the three
// architectures, then write JSON records, loss plots and a markdown report. `report` rebuilds the report from
// records, so runs made separately (one model per machine) can be merged.
return await MnistCli.Create().Parse(args).InvokeAsync();
