"""The optional parking table: read, converted like every place, and checked against the province."""

from __future__ import annotations

from data.reader import load_scenario


def _with_parking(folder, rows: str, coordinates: str = "") -> None:
    (folder / "parking.csv").write_text("停车点编号,停车点名称,纬度,经度\n" + rows, encoding="utf-8")
    sites = (folder / "sites.csv").read_text(encoding="utf-8").splitlines()
    named = [sites[0] + ",parking_id"] + [line + (",P1" if line.startswith("W01") else ",") for line in sites[1:]]
    (folder / "sites.csv").write_text("\n".join(named) + "\n", encoding="utf-8")
    if coordinates:
        (folder / "scenario.toml").write_text(f'coordinates = "{coordinates}"\n', encoding="utf-8")


def test_a_folder_without_a_parking_table_reads_as_before(scenario_folder):
    scenario = load_scenario(scenario_folder())
    assert scenario.parking == () and all(s.parking_id == "" for s in scenario.sites)


def test_a_site_names_its_parking_place_and_an_empty_cell_means_the_site_itself(scenario_folder):
    folder = scenario_folder()
    _with_parking(folder, "P1,十月田镇停车场,19.35,109.02\n")
    scenario = load_scenario(folder)
    assert [(p.parking_id, p.name, p.lat, p.lon) for p in scenario.parking] == [("P1", "十月田镇停车场", 19.35, 109.02)]
    assert {s.site_id: s.parking_id for s in scenario.sites} == {"W01": "P1", "W02": ""}
    assert scenario.place_warnings == ()


def test_parking_coordinates_are_converted_like_the_sites(scenario_folder):
    folder = scenario_folder()
    _with_parking(folder, "P1,十月田镇停车场,19.35,109.02\n", coordinates="gcj02")
    lot = load_scenario(folder).parking[0]
    assert 0.001 < abs(lot.lat - 19.35) + abs(lot.lon - 109.02) < 0.01  # GCJ-02 is some hundreds of metres off


def test_a_parking_place_off_the_island_is_a_warning_naming_it(scenario_folder):
    folder = scenario_folder()
    _with_parking(folder, "P1,湛江停车场,21.27,110.36\n")
    [warning] = load_scenario(folder).place_warnings
    assert (warning.file, warning.row, warning.kind, warning.place_id, warning.lies_in) == (
        "parking.csv", 2, "parking", "P1", "")
