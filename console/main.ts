// The supplier console's entry (console/index.html): nothing here is part of the widget's bundles.
import './console-app.ts';
