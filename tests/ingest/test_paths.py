"""Which files a PATH argument names, in which order: folders, globs, links, missing names."""

import os

from articles.services.paths import MissingPath, iter_article_paths


def touch(base, name, text="x"):
    path = base / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_folder_yields_its_article_files_recursively_in_path_order(tmp_path):
    for name in ("b.txt", "a/z.html", "a/y.HTM", "a-b/c.txt", "notes.md", "a/deep/er/x.txt"):
        touch(tmp_path, name)
    found = list(iter_article_paths([tmp_path]))
    assert found == sorted(found)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/deep/er/x.txt",
        "a/y.HTM",
        "a/z.html",
        "a-b/c.txt",
        "b.txt",
    ]


def test_paths_are_resolved_and_each_file_comes_once(tmp_path):
    article = touch(tmp_path, "in/one.txt")
    touch(tmp_path, "in/two.txt")
    relative = os.path.relpath(tmp_path / "in", os.getcwd())
    found = list(iter_article_paths([relative, article, tmp_path / "in" / ".." / "in"]))
    assert found == [(tmp_path / "in" / "one.txt").resolve(), (tmp_path / "in/two.txt").resolve()]


def test_a_linked_file_is_its_target_and_a_linked_folder_is_not_entered(tmp_path):
    target = touch(tmp_path, "elsewhere/real.txt")
    touch(tmp_path, "elsewhere/other.txt")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.txt").symlink_to(target)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "away").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert list(iter_article_paths([folder])) == [target.resolve()]


def test_a_glob_and_a_missing_name(tmp_path):
    touch(tmp_path, "x/one.txt")
    touch(tmp_path, "x/deeper/two.txt")
    touch(tmp_path, "x/notes.md")
    found = list(iter_article_paths([str(tmp_path / "x" / "**" / "*.txt")]))
    assert [p.name for p in found] == ["two.txt", "one.txt"]
    missing = list(iter_article_paths([tmp_path / "nothing.txt", str(tmp_path / "none*.txt")]))
    assert [type(item) for item in missing] == [MissingPath, MissingPath]
    assert "no such file" in str(missing[0]) and "no file matches" in str(missing[1])
