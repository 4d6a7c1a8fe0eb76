"""Rich renderers, one module per area; imported only when something is shown."""
