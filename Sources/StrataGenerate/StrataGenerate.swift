// Placeholder so the package builds until StrataGenerate lands.
