/*
 * Text from outside (arguments, the environment) made fit for one line of
 * an error message: every byte that is not printable ASCII becomes a C
 * escape ("\n", "\t", "\033", "\377"), so a newline cannot split the line,
 * an escape sequence cannot reach the terminal, and half a UTF-8 character
 * shows as the byte it is. The result is the same in every locale.
 */
#ifndef IPCSCOPE_VISIBLE_H
#define IPCSCOPE_VISIBLE_H

/* Input bytes shown before the text is cut and ends in "...". */
#define VISIBLE_ARG_MAX	64
#define VISIBLE_MSG_MAX	1024

/*
 * A user's value, ready to print between double quotes (a '"' or '\' in it
 * is escaped too). Points into one of VISIBLE_RING static buffers: valid
 * until that many more calls, so one message may show a few values.
 */
#define VISIBLE_RING	4
const char	*visible(const char *);

/* A whole message that may hold outside text (a path from the environment). */
const char	*visible_msg(const char *);

#endif
