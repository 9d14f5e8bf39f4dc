/* Sentences for the log: templates with the numbers of one call. */
#include <stdio.h>
#include <string.h>

#include "ipcscope/event.h"

void
event_expand_vars(char *buf, size_t len, const char *tmpl,
    const struct event_vars *v)
{
	const char	*s;
	char		 num[24];
	size_t		 o = 0, n;

	if (len == 0)
		return;
	for (; *tmpl != '\0' && o + 1 < len; tmpl++) {
		s = NULL;
		if (tmpl[0] == '%' && tmpl[1] != '\0') {
			s = num;
			switch (tmpl[1]) {
			case 'S':
				snprintf(num, sizeof(num), "%d", v->slot);
				break;
			case 'I':
				snprintf(num, sizeof(num), "%d", (int)v->item);
				break;
			case 'G':
				snprintf(num, sizeof(num), "%ld", v->got);
				break;
			case 'W':
				snprintf(num, sizeof(num), "%ld", v->want);
				break;
			case 'R':
				snprintf(num, sizeof(num), "%ld", v->ret);
				break;
			case 'O':
				snprintf(num, sizeof(num), "%u", v->other);
				break;
			case 'H':
				s = v->item != 0 ? " of the item" : "";
				break;
			default:
				s = NULL;
			}
		}
		if (s == NULL) {
			buf[o++] = *tmpl;
			continue;
		}
		n = strlen(s);
		if (o + n >= len)
			break;
		memcpy(buf + o, s, n);
		o += n;
		tmpl++;
	}
	buf[o] = '\0';
}

void
event_expand(char *buf, size_t len, const char *tmpl, int slot, unsigned item)
{
	struct event_vars	v = { .slot = slot, .item = item };

	event_expand_vars(buf, len, tmpl, &v);
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
