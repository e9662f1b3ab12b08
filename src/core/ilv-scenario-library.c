/* ilv-scenario-library.c: to be written */
