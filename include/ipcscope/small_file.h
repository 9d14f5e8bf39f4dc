/* A small text file read whole, or one line saying why not. */
#ifndef IPCSCOPE_SMALL_FILE_H
#define IPCSCOPE_SMALL_FILE_H

#include <stddef.h>

/*
 * Reads path into buf (max + 1 bytes: one more than allowed, to see that
 * there is more) and sets *len. -1 with err "PATH: why", or "PATH:
 * expected a WHAT of at most MAX bytes, found more".
 */
int	small_file_read(const char *path, char *buf, size_t max, size_t *len,
	    const char *what, char *err, size_t errlen);

#endif
