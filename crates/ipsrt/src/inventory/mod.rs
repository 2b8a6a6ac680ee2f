//! The interpersonal inventory: the people in a person's life and what each relationship is like.
