Console.WriteLine("clabctl");
