/* Medians, quantiles and spreads of the bench's samples. */
#include <stdlib.h>

#include <string.h>

#include "bench_int.h"

static int
cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

double
stat_quantile(double *v, int n, double q)
{
	int	rank;

	if (n <= 0)
		return (0);
	qsort(v, (size_t)n, sizeof(*v), cmp);
	/* Nearest rank: the smallest value with at least q of them at or
	 * below it. */
	rank = (int)(q * n);
	if (rank < q * n)
		rank++;
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return (v[rank - 1]);
}

double
stat_median(double *v, int n)
{
	if (n <= 0)
		return (0);
	qsort(v, (size_t)n, sizeof(*v), cmp);
	if (n % 2 == 1)
		return (v[n / 2]);
	return ((v[n / 2 - 1] + v[n / 2]) / 2);
}

double
stat_spread(double median, double min, double max)
{
	if (median <= 0)
		return (0);
	return ((max - min) / median);
}

void
summarize(const double *v, int n, struct summary *s)
{
	double	tmp[BENCH_REPEAT_MAX];
	int	i;

	memset(s, 0, sizeof(*s));
	if (n <= 0)
		return;
	if (n > BENCH_REPEAT_MAX)
		n = BENCH_REPEAT_MAX;
	for (i = 0; i < n; i++)
		tmp[i] = v[i];
	s->n = n;
	s->median = stat_median(tmp, n);
	s->min = tmp[0];
	s->max = tmp[n - 1];
	s->spread = stat_spread(s->median, s->min, s->max);
}
