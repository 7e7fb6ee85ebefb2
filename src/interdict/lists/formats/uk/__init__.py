"""The UK HM Treasury (OFSI) consolidated list, CSV edition: parser, entity, fields."""
