"""Places: UK postcodes and the council area each is in (the postcode table, the Ordnance Survey
Places API, the ONS Postcode Directory import). Both the journey engine and routing ask these
questions, so they live below both and import neither."""
