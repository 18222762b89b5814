// The supplier console's entry (console/index.html): nothing here is part of the widget's bundles.
import './zod-config.ts';
import './console-app.ts';
