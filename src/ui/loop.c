/*
 * The ncurses face's loop: poll on the terminal, the signalfd and the
 * run-mode timer; each key becomes control_key() flags; then one sample
 * and one frame (werase, draw, wnoutrefresh per panel, one doupdate).
 * While paused it sleeps in poll() and uses no CPU.
 */
#include <sys/mman.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/control.h"
#include "ipcscope/keys.h"
#include "ipcscope/sig.h"
#include "ipcscope/ui.h"
#include "ipcscope/visible.h"
#include "ui_int.h"

#define CTRL_L	0x0c
#define ESC	0x1b
#define FRAMES_TICK_MS	100

static struct {
	pid_t		 pid;		/* the viewer: a forked worker never cleans up */
	SCREEN		*scr;
	bool		 curses;
	struct control	 ctl;
	bool		 started;
	int		 errfd, saved_err;
} ui = { .errfd = -1, .saved_err = -1 };

static struct snapshot	ui_snaps[2];
static struct ui_log	ui_events;

/*
 * stderr goes to a memfd while curses owns the terminal (htop's habit),
 * and is copied out after endwin, so an error is read, not lost.
 */
static void
ui_stderr_capture(void)
{
	if ((ui.errfd = memfd_create("ipcscope-stderr", MFD_CLOEXEC)) == -1)
		return;
	ui.saved_err = dup(STDERR_FILENO);
	if (ui.saved_err == -1 || dup2(ui.errfd, STDERR_FILENO) == -1) {
		close(ui.errfd);
		ui.errfd = -1;
	}
}

static void
ui_stderr_release(void)
{
	char	buf[4096];
	ssize_t	n;

	if (ui.errfd == -1)
		return;
	dup2(ui.saved_err, STDERR_FILENO);
	close(ui.saved_err);
	if (lseek(ui.errfd, 0, SEEK_SET) == 0)
		while ((n = read(ui.errfd, buf, sizeof(buf))) > 0)
			if (write(STDERR_FILENO, buf, (size_t)n) != n)
				break;
	close(ui.errfd);
	ui.errfd = ui.saved_err = -1;
}

/* Restore the terminal, then remove every object: every exit path. */
static void
ui_done(void)
{
	if (getpid() != ui.pid)
		return;
	if (ui.curses) {
		help_free();
		endwin();
		ui.curses = false;
	}
	ui_stderr_release();
	if (ui.started) {
		control_stop(&ui.ctl);
		ui.started = false;
	}
}

static void
draw_too_small(void)
{
	char	msg[96];

	werase(stdscr);
	snprintf(msg, sizeof(msg), "ipcscope needs at least %dx%d, this is "
	    "%dx%d", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
	mvaddnstr(LINES / 2, (COLS - (int)strlen(msg)) / 2 > 0 ?
	    (COLS - (int)strlen(msg)) / 2 : 0, msg, COLS);
	if (LINES > 2)
		mvaddnstr(LINES / 2 + 1, 0, "make it bigger, or press q to quit",
		    COLS);
	wnoutrefresh(stdscr);
}

static void
draw_frame(struct ui_layout *L, const struct snapshot *s,
    const struct snapshot *prev, bool remade, bool help)
{
	if (remade) {
		/* Parts no panel covers must not keep an old frame. */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	if (L->too_small) {
		draw_too_small();
		return;
	}
	werase(L->header);
	panel_header_draw(L->header, s);
	wnoutrefresh(L->header);
	werase(L->buffer);
	panel_buffer_draw(L->buffer, s);
	wnoutrefresh(L->buffer);
	werase(L->kernel);
	panel_kernel_draw(L->kernel, s, prev, L->kernel_full);
	wnoutrefresh(L->kernel);
	werase(L->procs);
	panel_procs_draw(L->procs, s);
	wnoutrefresh(L->procs);
	werase(L->log);
	panel_log_draw(L->log, s, &ui_events);
	wnoutrefresh(L->log);
	werase(L->status);
	statusbar_draw(L->status, s);
	wnoutrefresh(L->status);
	if (help)
		help_draw(LINES, COLS);
}

/* Curses keys onto the keys control_key() knows. */
static int
map_key(int ch)
{
	switch (ch) {
	case KEY_UP:
	case KEY_BTAB:
		return (IK_PREV);
	case KEY_DOWN:
		return (IK_NEXT);
	case KEY_ENTER:
	case '\n':
		return (' ');
	}
	return (ch);
}

static int
ui_init(void)
{
	const char	*term = getenv("TERM");
	char		 why[256];

	/* Refused here, the terminal never sees a byte but the one line. */
	if (term_check(why, sizeof(why)) == -1) {
		warnx("%s", why);
		return (-1);
	}
	/* newterm, not initscr: a failure is an error we report, not exit. */
	if ((ui.scr = newterm(NULL, stdout, stdin)) == NULL) {
		warnx("cannot start the screen on terminal type \"%s\"; use "
		    "--headless", visible(term != NULL ? term : ""));
		return (-1);
	}
	ui.curses = true;
	ui_stderr_capture();
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	theme_init();
	return (0);
}

int
ui_main(const struct config *cfg)
{
	struct ui_layout	 L;
	struct snapshot		*cur = &ui_snaps[0], *prev = &ui_snaps[1], *t;
	struct pollfd		 pfd[2];
	WINDOW			*kbd;
	char			 err[256], line[EVENT_MAX + 32];
	bool			 sample = true, help = false, more = false;
	bool			 force = true, repaint = false, dirty = true;
	long			 frames = 0, nsamples = 0;
	int			 sigfd, ch, sig, react, timeout, status = 0;

	ui.pid = getpid();
	if (ui_init() == -1)
		return (2);
	atexit(ui_done);
	sigfd = sig_open();
	if (control_start(&ui.ctl, cfg, err, sizeof(err)) == -1) {
		ui_done();
		warnx("%s", visible_msg(err));
		return (2);
	}
	ui.started = true;
	memset(&L, 0, sizeof(L));
	/* Keys come through a 1x1 window no frame touches, so wgetch never
	 * refreshes stdscr over the panels. */
	if ((kbd = newwin(1, 1, 0, 0)) == NULL) {
		ui_done();
		warnx("newwin failed");
		return (2);
	}
	keypad(kbd, TRUE);
	nodelay(kbd, TRUE);
	wnoutrefresh(kbd);
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sigfd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (sample) {
			t = prev;
			prev = cur;
			cur = t;
			control_snapshot(&ui.ctl, cur);
			if (cur->event[0] != '\0') {
				if (cur->key[0] != '\0')
					snprintf(line, sizeof(line), "%lu %s: %s",
					    cur->step, cur->key, cur->event);
				else
					strlcpy(line, cur->event, sizeof(line));
				ui_log_push(&ui_events, line);
			}
			sample = false;
			nsamples++;
			dirty = true;
		}
		if (dirty || force) {
			draw_frame(&L, cur, nsamples > 1 ? prev : NULL,
			    layout_update(&L, cur, force), help);
			if (repaint)
				clearok(curscr, TRUE);
			doupdate();
			force = repaint = dirty = false;
			if (cfg->frames > 0 && ++frames >= cfg->frames)
				break;
		}

		timeout = more ? 0 : control_timeout(&ui.ctl);
		/* --frames: a frame at least every 100 ms, so it always ends. */
		if (cfg->frames > 0 && (timeout < 0 || timeout > FRAMES_TICK_MS)) {
			timeout = FRAMES_TICK_MS;
			dirty = true;
		}
		if (poll(pfd, 2, timeout) == -1 && errno != EINTR) {
			ui_done();
			warn("poll");
			return (2);
		}
		react = REACT_NONE;
		if (pfd[1].revents & POLLIN)
			while ((sig = sig_read(sigfd)) != 0)
				react |= control_signal(&ui.ctl, sig);
		if (react & REACT_QUIT)
			break;
		/* One key per frame, so each step is seen. */
		more = false;
		if (!(react & REACT_QUIT) && (ch = wgetch(kbd)) != ERR) {
			more = dirty = true;
			if (ch == KEY_RESIZE)
				force = true;
			else if (ch == CTRL_L)
				repaint = force = true;
			else if (help && ch != 'q') {
				help = false;
				help_free();
			} else if (ch != ESC) {
				react |= control_key(&ui.ctl, map_key(ch));
				if (react & REACT_HELP)
					help = !help;
			}
		}
		if (control_timeout(&ui.ctl) == 0)
			react |= control_tick(&ui.ctl);
		if (react & REACT_QUIT)
			break;
		if (react & (REACT_SAMPLE | REACT_REDRAW))
			sample = true;
	}
	if (ui.ctl.quit_signal != 0)
		status = 128 + ui.ctl.quit_signal;
	ui_done();
	delscreen(ui.scr);
	close(sigfd);
	/* A worker failed the run: said once the terminal is restored. */
	if (ui.ctl.failure[0] != '\0') {
		warnx("%s", ui.ctl.failure);
		status = 2;
	}
	return (status);
}
