/* ilv-test-display.c: a private X server, with a window manager if asked,
 * for the tests that move the pointer, press keys and go full screen
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-test-display.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* How long Xvfb and openbox may take to come up. */
#define START_TIMEOUT_MS 10000

static GSubprocess *server;
static GSubprocess *window_manager;
static char *tmp_dir;

/* The server and the window manager die with the test, even when it
 * aborts on a failed assertion. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (void)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  return launcher;
}

/* Reads the display number Xvfb writes to `fd` once it accepts clients. */
static gboolean
read_display_number (int    fd,
                     char  *number,
                     gsize  size)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  gsize len = 0;

  while (len + 1 < size)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int left = (int) ((deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND);
      ssize_t n;

      if (left <= 0 || poll (&pfd, 1, left) <= 0)
        return FALSE;
      n = read (fd, number + len, 1);
      if (n <= 0)
        return FALSE;
      if (number[len] == '\n')
        break;
      len += n;
    }
  number[len] = '\0';
  return len > 0;
}

static gboolean
start_server (char **skip_reason)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *screen = NULL;
  g_autofree char *display = NULL;
  g_autofree char *xauthority = NULL;
  char number[16];
  int fds[2];
  gboolean ok;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    {
      *skip_reason = g_strdup_printf ("no pipe for Xvfb: %s", error->message);
      return FALSE;
    }

  screen = g_strdup_printf ("%dx%dx24", ILV_TEST_DISPLAY_WIDTH, ILV_TEST_DISPLAY_HEIGHT);
  launcher = new_launcher ();
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  server = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3",
                                        "-nolisten", "tcp", "-noreset",
                                        "-screen", "0", screen, NULL);
  g_clear_object (&launcher);
  if (server == NULL)
    {
      close (fds[0]);
      *skip_reason = g_strdup_printf ("Xvfb does not start: %s", error->message);
      return FALSE;
    }

  ok = read_display_number (fds[0], number, sizeof number);
  close (fds[0]);
  if (!ok)
    {
      *skip_reason = g_strdup ("Xvfb did not say which display it took");
      return FALSE;
    }

  /* The server has no cookie: an Xauthority meant for another display
   * (a wildcard entry) must not be offered to it. */
  display = g_strconcat (":", number, NULL);
  xauthority = g_build_filename (tmp_dir, "Xauthority", NULL);
  g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("XAUTHORITY", xauthority, TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* One pixel of the window is one pixel of the pointer's moves. */
  g_setenv ("GDK_SCALE", "1", TRUE);
  g_unsetenv ("GDK_DPI_SCALE");
  return TRUE;
}

static gboolean
start_window_manager (char **skip_reason)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = g_build_filename (tmp_dir, "wm-ready", NULL);
  g_autofree char *quoted = g_shell_quote (ready);
  g_autofree char *startup = g_strconcat ("touch ", quoted, NULL);
  gint64 deadline;

  /* openbox runs the startup command once it manages the screen. */
  window_manager = g_subprocess_launcher_spawn (launcher, &error, "openbox", "--sm-disable",
                                                "--startup", startup, NULL);
  if (window_manager == NULL)
    {
      *skip_reason = g_strdup_printf ("openbox does not start: %s", error->message);
      return FALSE;
    }

  deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  while (!g_file_test (ready, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () > deadline)
        {
          *skip_reason = g_strdup ("openbox did not come up");
          return FALSE;
        }
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_remove (ready);
  return TRUE;
}

gboolean
ilv_test_display_start (gboolean   with_window_manager,
                        char     **skip_reason)
{
  g_autofree char *xvfb = g_find_program_in_path ("Xvfb");
  g_autofree char *openbox = g_find_program_in_path ("openbox");

  g_return_val_if_fail (skip_reason != NULL, FALSE);

  if (xvfb == NULL)
    {
      *skip_reason = g_strdup ("Xvfb is not installed");
      return FALSE;
    }
  if (with_window_manager && openbox == NULL)
    {
      *skip_reason = g_strdup ("openbox is not installed");
      return FALSE;
    }

  tmp_dir = g_dir_make_tmp ("ilv-display-XXXXXX", NULL);
  if (tmp_dir == NULL)
    {
      *skip_reason = g_strdup ("no temporary folder");
      return FALSE;
    }

  if (!start_server (skip_reason) ||
      (with_window_manager && !start_window_manager (skip_reason)))
    {
      ilv_test_display_stop ();
      return FALSE;
    }

  return TRUE;
}

static void
end_process (GSubprocess **process)
{
  if (*process == NULL)
    return;

  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

int
ilv_test_display_run_tests (void)
{
  int status = g_test_run ();

  ilv_test_display_stop ();
  return status;
}

void
ilv_test_display_stop (void)
{
  end_process (&window_manager);
  end_process (&server);
  if (tmp_dir != NULL)
    {
      g_rmdir (tmp_dir);
      g_clear_pointer (&tmp_dir, g_free);
    }
}
