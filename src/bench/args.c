/* The bench's own arguments, and which sizes a transport carries. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/procfs.h"
#include "ipcscope/visible.h"
#include "bench_int.h"

#define SIZE_TOO_LARGE	((size_t)-1)

/* "64", "1K", "1KiB", "8k": bytes; 0 when it is not a size;
 * SIZE_TOO_LARGE past a gigabyte. */
static size_t
one_size(const char *s, size_t len)
{
	char		 word[32], *end;
	unsigned long	 v;
	size_t		 mul = 1;

	if (len == 0 || !isdigit((unsigned char)s[0]))
		return (0);
	if (len >= sizeof(word))
		return (strspn(s, "0123456789") >= len ? SIZE_TOO_LARGE : 0);
	memcpy(word, s, len);
	word[len] = '\0';
	errno = 0;
	v = strtoul(word, &end, 10);
	if (strcasecmp(end, "k") == 0 || strcasecmp(end, "kib") == 0)
		mul = 1024;
	else if (strcasecmp(end, "m") == 0 || strcasecmp(end, "mib") == 0)
		mul = 1024 * 1024;
	else if (strcasecmp(end, "g") == 0 || strcasecmp(end, "gib") == 0)
		mul = 1024 * 1024 * 1024;
	else if (*end != '\0' && strcasecmp(end, "b") != 0)
		return (0);
	if (errno == ERANGE || v > 1024UL * 1024 * 1024)
		return (SIZE_TOO_LARGE);
	return ((size_t)v * mul);
}

int
bench_sizes_arg(const char *name, const char *arg, size_t *sizes, size_t n,
    char *why, size_t whylen)
{
	const char	*p = arg;
	size_t		 len, i = 0, v;

	for (;;) {
		len = strcspn(p, ",");
		if (p[0] == '-' && isdigit((unsigned char)p[1]))
			v = 1;	/* negative: too small */
		else if ((v = one_size(p, len)) == 0 && (len == 0 ||
		    strspn(p, "0") != len)) {
			snprintf(why, whylen, "%s \"%s\": not a whole number of "
			    "bytes, nor a list of them (such as 64,1K,8K,64K)",
			    name, visible(arg));
			return (-1);
		}
		if (v < ITEM_SIZE_MIN || v > ITEM_WIRE_MAX) {
			snprintf(why, whylen, "%s \"%s\": too %s; allowed: "
			    "%d..%d (bytes; K is 1024)", name, visible(arg),
			    v < ITEM_SIZE_MIN ? "small" : "large", ITEM_SIZE_MIN,
			    ITEM_WIRE_MAX);
			return (-1);
		}
		if (i + 1 >= n) {
			snprintf(why, whylen, "%s \"%s\": at most %zu sizes",
			    name, visible(arg), n - 1);
			return (-1);
		}
		sizes[i++] = v;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	sizes[i] = 0;
	return (0);
}

int
bench_seconds_arg(const char *name, const char *arg, double *out, char *why,
    size_t whylen)
{
	char	*end;
	double	 v = 0;
	bool	 small;

	errno = 0;
	if (arg[0] == '-' && isdigit((unsigned char)arg[1]))
		v = -1;
	else if (!isdigit((unsigned char)arg[0]) ||
	    (v = strtod(arg, &end), *end != '\0')) {
		snprintf(why, whylen, "%s \"%s\": not a whole number of seconds, "
		    "nor a decimal one (such as 0.5)", name, visible(arg));
		return (-1);
	}
	if (errno == ERANGE || v < BENCH_SECONDS_MIN || v > BENCH_SECONDS_MAX) {
		small = errno != ERANGE && v < BENCH_SECONDS_MIN;
		snprintf(why, whylen, "%s \"%s\": too %s; allowed: %g..%g", name,
		    visible(arg), small ? "small" : "large", BENCH_SECONDS_MIN,
		    BENCH_SECONDS_MAX);
		return (-1);
	}
	*out = v;
	return (0);
}

int
bench_carries(const struct transport *t, size_t size, char *why, size_t len)
{
	long	max;

	if (t->item_max > 0 && size > t->item_max) {
		snprintf(why, len, "%s carries at most %zu bytes: %s", t->name,
		    t->item_max, t->item_max_why);
		return (-1);
	}
	if (t->item_sysctl != NULL &&
	    (max = procfs_sysctl(t->item_sysctl)) > 0 && (long)size > max) {
		snprintf(why, len, "%s is %ld bytes, less than %zu (raise it "
		    "with sysctl, as root)", t->item_sysctl, max, size);
		return (-1);
	}
	return (0);
}
