// SPDX-License-Identifier: Apache-2.0
#include "commands.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using sqma::cmd::Dispatch;

namespace {

// Parses a command line (without the leading "sqma") into a fresh app with every verb.
Dispatch parse(std::vector<std::string> args)
{
  CLI::App app{"sqma"};
  Dispatch dispatch;
  sqma::cmd::register_archive(app, dispatch);
  sqma::cmd::register_assign(app, dispatch);
  sqma::cmd::register_bundle(app, dispatch);
  sqma::cmd::register_calendar(app, dispatch);
  sqma::cmd::register_check(app, dispatch);
  sqma::cmd::register_validate(app, dispatch);
  app.require_subcommand(1);
  std::reverse(args.begin(), args.end()); // CLI11 takes them last to first
  app.parse(args);
  return dispatch;
}

} // namespace

TEST_CASE("cli: check takes its options and stores its run function", "[cli]")
{
  const auto d = parse({"check", "--cycle", "c.toml", "-o", "out", "--force", "--report", "r.csv",
                        "--letters", "l", "-j", "2", "--date", "2025-07-15", "d/"});
  CHECK(static_cast<bool>(d.run));
}

TEST_CASE("cli: check refuses a missing cycle, a bad job count and an unknown option", "[cli]")
{
  CHECK_THROWS_AS(parse({"check", "d/"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse({"check", "--cycle", "c.toml", "-j", "two", "d/"}), CLI::ConversionError);
  CHECK_THROWS_AS(parse({"check", "--cycle", "c.toml", "--reprot", "r.csv", "d/"}),
                  CLI::ExtrasError);
  CHECK_THROWS_AS(parse({"check", "--cycle", "c.toml"}), CLI::RequiredError);
}

TEST_CASE("cli: validate and calendar parse", "[cli]")
{
  CHECK(static_cast<bool>(parse({"validate", "--schema", "cycle.v1", "c.toml"}).run));
  CHECK(static_cast<bool>(parse({"calendar", "add", "2025-09-30", "7"}).run));
  CHECK_THROWS_AS(parse({"validate"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse({"nosuchverb"}), CLI::RequiredError);
}

TEST_CASE("cli: assign takes its options and refuses an unknown round", "[cli]")
{
  CHECK(static_cast<bool>(
      parse({"assign",   "--cycle",     "c.toml",  "--reviewers", "r.toml",
             "--round",  "onsite",      "--seed",  "7",           "--max-probability",
             "0.5",      "--keep-lead", "panel",   "--exclude",   "written",
             "--report", "p.csv",       "--audit", "a.xlsx",      "-o",
             "out",      "d/"})
          .run));
  CHECK_THROWS_AS(
      parse({"assign", "--cycle", "c.toml", "--reviewers", "r.toml", "--round", "final", "d/"}),
      CLI::ValidationError);
  CHECK_THROWS_AS(parse({"assign", "--cycle", "c.toml", "--reviewers", "r.toml", "--round",
                         "written", "--seed", "x", "d/"}),
                  CLI::ConversionError);
  CHECK_THROWS_AS(parse({"assign", "--cycle", "c.toml", "--round", "written", "d/"}),
                  CLI::RequiredError);
}

TEST_CASE("cli: bundle's three actions and archive's two parse", "[cli]")
{
  CHECK(static_cast<bool>(
      parse({"bundle", "create", "dir", "-o", "x.zip", "--date", "2025-06-30", "--force"}).run));
  CHECK(static_cast<bool>(parse({"bundle", "create", "dir", "-o", "x.zip", "--cycle", "c.toml",
                                 "--dossier", "d.json", "--out-dir", "out"})
                              .run));
  CHECK(static_cast<bool>(parse({"bundle", "verify", "a.zip", "b.zip"}).run));
  CHECK(static_cast<bool>(parse({"bundle", "normalize", "in.zip", "-o", "x.zip"}).run));
  CHECK_THROWS_AS(parse({"bundle", "create", "dir"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse({"bundle"}), CLI::RequiredError);
  CHECK_THROWS_AS(parse({"bundle", "verify"}), CLI::RequiredError);
  CHECK(static_cast<bool>(parse({"archive", "cycle/", "-o", "c.zip", "--date", "2026-03-31"}).run));
  CHECK(static_cast<bool>(parse({"archive", "verify", "-j", "2", "c.zip"}).run));
  CHECK_THROWS_AS(parse({"archive", "cycle/"}), CLI::ValidationError);
  CHECK_THROWS_AS(parse({"archive", "verify"}), CLI::RequiredError);
}
