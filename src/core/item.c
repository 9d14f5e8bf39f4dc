/*
 * Items on the wire: a 12-byte header, then text a person can read (or,
 * for the bench, only the filler: see item_plain).
 */
#include <string.h>

#include "ipcscope/item.h"

/* v in decimal at p, as %u prints it; the digits' count. */
static size_t
put_decimal(char *p, uint32_t v)
{
	char	digits[10], *d = digits + sizeof(digits);
	size_t	n;

	do
		*--d = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	n = (size_t)(digits + sizeof(digits) - d);
	memcpy(p, d, n);
	return (n);
}

/*
 * "item %u from P%u", by hand: the bench runs this for every item on
 * both sides (item_intact too), and snprintf was half of what a 64-byte
 * pipe producer did besides write(2). At most ITEM_TEXT_MAX bytes.
 */
#define ITEM_TEXT_MAX	32

static size_t
item_text(const struct item *it, char *text)
{
	size_t	n;

	memcpy(text, "item ", 5);
	n = 5 + put_decimal(text + 5, it->seq);
	memcpy(text + n, " from P", 7);
	n += 7;
	return (n + put_decimal(text + n, it->producer));
}

void
item_encode(const struct item *it, void *buf, size_t size)
{
	unsigned char	*p = buf;
	char		 text[ITEM_TEXT_MAX];
	size_t		 n;

	if (size < ITEM_WIRE_HDR) {
		memset(buf, '.', size);
		return;
	}
	memcpy(p, &it->seq, 4);
	memcpy(p + 4, &it->producer, 2);
	memcpy(p + 6, &it->mtype, 2);
	memcpy(p + 8, &it->marks, 4);
	if (item_plain) {
		memset(p + ITEM_WIRE_HDR, '.', size - ITEM_WIRE_HDR);
		return;
	}
	/* The text in place when it fits, then dots: each byte once. */
	if (size - ITEM_WIRE_HDR >= ITEM_TEXT_MAX)
		n = item_text(it, (char *)p + ITEM_WIRE_HDR);
	else {
		n = item_text(it, text);
		if (n > size - ITEM_WIRE_HDR)
			n = size - ITEM_WIRE_HDR;
		memcpy(p + ITEM_WIRE_HDR, text, n);
	}
	memset(p + ITEM_WIRE_HDR + n, '.', size - ITEM_WIRE_HDR - n);
}

int		item_plain;
int		item_checking;
unsigned long	item_bad;

int
item_decode(const void *buf, size_t size, struct item *it)
{
	const unsigned char	*p = buf;

	if (size < ITEM_WIRE_HDR)
		return (-1);
	memcpy(&it->seq, p, 4);
	memcpy(&it->producer, p + 4, 2);
	memcpy(&it->mtype, p + 6, 2);
	memcpy(&it->marks, p + 8, 4);
	if (item_checking && !item_intact(buf, size, it))
		item_bad++;
	return (0);
}

int
item_intact(const void *buf, size_t size, const struct item *it)
{
	static unsigned char	 dots[4096];
	const unsigned char	*p = buf;
	unsigned char		 head[ITEM_WIRE_HDR + ITEM_TEXT_MAX];
	size_t			 n, at, chunk;

	if (dots[0] != '.')
		memset(dots, '.', sizeof(dots));
	/* The header and the text, as item_encode writes them... */
	n = size < sizeof(head) ? size : sizeof(head);
	if (item_plain && n > ITEM_WIRE_HDR)
		n = ITEM_WIRE_HDR;	/* no text: the header only */
	item_encode(it, head, n);
	if (memcmp(p, head, n) != 0)
		return (0);
	/* ...then dots to the end. */
	for (at = n; at < size; at += chunk) {
		chunk = size - at < sizeof(dots) ? size - at : sizeof(dots);
		if (memcmp(p + at, dots, chunk) != 0)
			return (0);
	}
	return (1);
}
