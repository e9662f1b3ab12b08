/* ilv-json-writer.c: to be written */
