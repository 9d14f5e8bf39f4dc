/* Sentences for the log. */
#include <stdio.h>
#include <string.h>

#include "ipcscope/event.h"

void
event_expand(char *buf, size_t len, const char *tmpl, int slot, unsigned item)
{
	size_t	o = 0;
	int	n;

	if (len == 0)
		return;
	for (; *tmpl != '\0' && o + 1 < len; tmpl++) {
		if (tmpl[0] == '%' && (tmpl[1] == 'S' || tmpl[1] == 'I')) {
			n = snprintf(buf + o, len - o, "%d",
			    tmpl[1] == 'S' ? slot : (int)item);
			if (n < 0 || (size_t)n >= len - o)
				break;
			o += (size_t)n;
			tmpl++;
			continue;
		}
		buf[o++] = *tmpl;
	}
	buf[o] = '\0';
}

void
event_append(char *buf, size_t len, const char *sentence)
{
	if (sentence == NULL || *sentence == '\0')
		return;
	if (*buf != '\0')
		strlcat(buf, ". ", len);
	strlcat(buf, sentence, len);
}
