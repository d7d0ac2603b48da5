"""Typed lines for an in-process dialogue: ``input_fn=feeder(lines)`` answers each prompt with the
next line, then ends the dialogue as a closed terminal would (EOFError)."""


def feeder(lines):
    feed = iter(lines)

    def fake_input(_prompt):
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None
    return fake_input
