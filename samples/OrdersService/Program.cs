System.Console.WriteLine("OrdersService: sample under construction");
