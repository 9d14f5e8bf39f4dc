/* Allocators that never return NULL (tmux xmalloc.c's habit). */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/xmalloc.h"

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		errx(2, "xcalloc: zero size");
	if ((p = calloc(n, size)) == NULL)
		err(2, "xcalloc: allocating %zu * %zu bytes", n, size);
	return (p);
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		errx(2, "xreallocarray: zero size");
	if ((p = reallocarray(old, n, size)) == NULL)
		err(2, "xreallocarray: allocating %zu * %zu bytes", n, size);
	return (p);
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		err(2, "xstrdup");
	return (p);
}
