"""The build, top to bottom: read, validate, model, plan, render, check, index, write.

Everything is read and checked before anything is written into the site (made files wait
in the cache's store until then), and the site is written beside the old one and swapped
in only when complete, so a failed build leaves site/ as it was.
The build cache (sitegen/cache/) lets a build skip what an earlier one already did from the same
inputs; a build with it makes the same bytes as a build without.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

from sitegen.builds import BuildReport, Paths
from sitegen.cache import fingerprints, reads, stages
from sitegen.cache.codec import PublishedFile
from sitegen.cache.contexts import SharedParts
from sitegen.cache.files import PagesFacts, StoredFile
from sitegen.cache.folder import BuildCache
from sitegen.cache.lock import locked
from sitegen.cache.stamps import Inputs, Stamp, read_inputs, up_to_date
from sitegen.cache.store import DamagedStoreError, store_files, stored_as_written
from sitegen.checks.completeness import check_complete
from sitegen.checks.links import BrokenLinksError, check_links, settled_pages
from sitegen.content.loading import load_archive
from sitegen.content.reading import ChangedFileError, read_content, read_tree
from sitegen.digests import of_tree
from sitegen.editors.recordschemas import render_record_schemas
from sitegen.memory import cycles_collected_after, leave
from sitegen.model.records import RECORD_LANGUAGE
from sitegen.model.timelines import Archive
from sitegen.publish.staging import publish
from sitegen.search.shards import FOLDER as SEARCH_FOLDER
from sitegen.search.shards import SearchedPage, plan_shards, searched_templates
from sitegen.settings import LANGUAGES, Settings
from sitegen.site import catalogues
from sitegen.site.corrections import plan_corrections
from sitegen.site.feeds import Words, feed_renderer, plan_feeds
from sitegen.site.markup import render_markdown
from sitegen.site.pages import Page, Prose, plan_pages
from sitegen.site.rendering import make_environment, merge_files
from sitegen.site.sitemap import render_sitemap
from sitegen.site.views import authority_views


def validate(content: Path, today: dt.date) -> Archive:
    """Read and check every record; raise ContentError listing every problem found."""
    return load_archive(read_content(content), today)


def build(
    paths: Paths,
    settings: Settings,
    *,
    history: bool = False,
    inputs: Inputs | None = None,
    kept: list[object] | None = None,
) -> BuildReport:
    """Build the whole site into paths.site; raise ContentError if any record is wrong.

    Raise BrokenLinksError, writing nothing, if a page links to a missing page or fragment.
    With history, entry pages show when their record last changed, from git. inputs, if
    given, are read_inputs's for these paths, settings and history, read just before.
    kept, if given (memory.left_to_exit), is where the build leaves what it made when it
    returns, for the process's end, rather than freeing it.
    """
    # Builds that share a cache (a preview and a build at once) take turns, so each starts
    # from the cache and site/ that the last one left, and its stamp describes its own site.
    with locked(paths.cache), cycles_collected_after():
        inputs = inputs or read_inputs(paths, settings, history=history)
        # Nothing to do if the site was built from these very inputs and is still in place.
        if done := up_to_date(paths, inputs):
            return done
        try:
            return build_in_turn(paths, settings, inputs, kept=kept)
        except DamagedStoreError:
            # A stored file taken on trust was not as written: once more, trusting none.
            return build_in_turn(paths, settings, inputs, trust_store=False, kept=kept)


def build_in_turn(
    paths: Paths,
    settings: Settings,
    inputs: Inputs,
    *,
    trust_store: bool = True,
    kept: list[object] | None = None,
) -> BuildReport:
    """The build itself, top to bottom, run while holding the cache's lock. With
    trust_store, a stored file an earlier build made is checked only when it is used; kept
    as for build."""
    last_changed = inputs.last_changed
    # Read: the only input side, with the cache of earlier builds.
    cache = BuildCache(paths.cache)
    # A record file whose stat is as the last build read it is not read again.
    seen = reads.seen(cache)
    files = read_content(paths.content, seen)
    templates = read_tree(paths.templates)
    static = read_tree(paths.static)
    locale = read_tree(paths.locale)
    # Check and model: pure from here until writing, but for the cache's store of output.
    try:
        archive = load_archive(files, settings.today, stages.record_checker(cache))
    except ChangedFileError:
        # A file taken as read by its stat had other bytes: the next build reads them all.
        reads.keep(cache, {}, seen)
        raise
    record_digests = files.digests
    shared_inputs = [
        of_tree(templates),
        of_tree(locale),
        *(file.text if file else "" for file in (files.vocabulary, files.about, files.about_welsh)),
    ]
    # The about page in each language: its Welsh where written, else its English, marked.
    english = Prose(
        render_markdown(files.about.text if files.about else "", headings=True), RECORD_LANGUAGE
    )
    welsh = files.about_welsh
    about = {
        RECORD_LANGUAGE: english,
        "cy": Prose(render_markdown(welsh.text, headings=True), "cy") if welsh else english,
    }
    listing = files.listing
    found = files.found
    # Every record is in the model now; the files' text, as large again, can go.
    del files
    # What both languages share (the open data, the sitemap) names the default language's
    # pages, with their twins beside them where a file says so.
    shared = settings.in_language(LANGUAGES[0])
    corrections = plan_corrections(
        archive, last_changed, str(about[RECORD_LANGUAGE].html), settings
    )
    template_sources = {name: data.decode("utf-8") for name, data in templates.items()}
    with cache.store(paths.site, trusting=trust_store) as store:
        # Plan and render every page and feed, once in each of the site's languages.
        pages: list[Page] = []
        made: list[dict[str, StoredFile]] = []
        rendered_anew = 0
        views = authority_views(archive)
        # The values many pages are given (every authority's status periods, on the pages of
        # each year) are digested once for both languages.
        shared_parts = SharedParts()
        for language in LANGUAGES:
            edition = settings.in_language(language)
            translations = catalogues.translations(locale, language)
            keys = fingerprints.page_keys(
                archive, record_digests, shared_inputs, edition, last_changed, shared_parts
            )
            summaries = stages.render_summaries(archive.entries, record_digests, cache, language)
            planned = plan_pages(archive, summaries, about[language], corrections, views, language)
            environment = make_environment(template_sources, archive, edition, translations)
            rendered = stages.render_pages(planned, environment, store, keys, cache)
            feeds = stages.render_feeds(
                plan_feeds(archive, language),
                feed_renderer(
                    archive,
                    summaries,
                    edition,
                    Words(translations.gettext, translations.ngettext),
                ),
                store,
                keys,
                cache,
            )
            made += [
                {page.path: file for page, file in zip(planned, rendered.values, strict=True)},
                feeds,
            ]
            pages += planned
            rendered_anew += rendered.made
        rendered_files = merge_files(*made)
        # Index: the searched pages in shards, each indexed again only if its pages changed.
        # Pagefind works beside the rest of the build until its result is asked for.
        searched = searched_templates(template_sources)
        shards = plan_shards(
            SearchedPage(page.path, rendered_files[page.path].digest, page.scope or page.url)
            for page in pages
            if page.template in searched
        )
        with stages.start_search(shards, store, cache) as search:
            output = merge_files(
                rendered_files,
                stored_as_written(
                    stages.render_downloads(archive, shared, record_digests, store, cache)
                ),
                store_files(
                    store,
                    merge_files(
                        render_sitemap(pages, shared),
                        render_record_schemas(archive.vocabulary),
                        {f"static/{name}": data for name, data in static.items()},
                    ),
                ),
            )
            facts = PagesFacts(output)
            check_complete(archive, facts, listing)
            # Links into the search's files are not checked (they are made beside this);
            # pages unchanged since the last site that passed the same check are not
            # checked again.
            ignored = [f"{SEARCH_FOLDER}/"]
            links_key = fingerprints.link_check(settings.base_path, ignored)
            settled = settled_pages(cache.checked_site(links_key), output, ignored)
            broken = check_links(output.keys(), facts, settings.base_path, ignored, settled)
            if broken:
                raise BrokenLinksError(broken)
            searching, indexed = search.result()
        output = merge_files(output, searching)
        # Publish: the new site made beside the old one (the cache's spare, brought up to
        # date, or a new folder), then swapped in whole.
        written, spare = publish(output, store, paths.site, cache.spare, cache.published)
    report = BuildReport(
        len(archive.timelines),
        len(archive.entries),
        len(output),
        len(pages),
        rendered_anew,
        len(shards),
        indexed,
    )
    built, output_key = fingerprints.published_output(paths.site, written)
    stamp = Stamp(inputs.key, output_key, built, asdict(report))
    cache.save(stamp, output, PublishedFile(written, spare, links_key))
    reads.keep(cache, found, seen)
    # Everything the build made (the model, the cache's tables, the pages), left whole for
    # the process's end if it ends at once, rather than freed an object at a time here.
    leave(kept, locals())
    return report
