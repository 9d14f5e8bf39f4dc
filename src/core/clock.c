/* The one clock of the program (clock.h). */
#include <time.h>

#include "ipcscope/clock.h"

long
clock_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}
