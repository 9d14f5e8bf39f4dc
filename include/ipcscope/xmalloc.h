/* Allocators that never return NULL: they exit with a message instead. */
#ifndef IPCSCOPE_XMALLOC_H
#define IPCSCOPE_XMALLOC_H

#include <stddef.h>

void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);

#endif
