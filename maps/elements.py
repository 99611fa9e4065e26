"""Small Folium elements that need nothing but Leaflet.

Folium's own Popup and Tooltip need jQuery or paste text into a JavaScript template literal; these
pass their HTML as a JSON string instead, so no input can break out of the script.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Environment
from jinja2 import Template as JinjaTemplate


class _ReadableEnvironment(Environment):
    """`tojson` keeps Chinese readable in the page source; <, >, & and ' are still escaped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}


class Template(JinjaTemplate):
    environment_class = _ReadableEnvironment


class BoundPopup(MacroElement):
    """A popup with ready-made (already escaped) HTML, bound to its parent layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {"maxWidth": {{ this.max_width }}});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, max_width: int = 360):
        super().__init__()
        self._name = "BoundPopup"
        self.html = html
        self.max_width = int(max_width)


class BoundTooltip(MacroElement):
    """A hover label with ready-made (already escaped) HTML, bound to its parent layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "BoundTooltip"
        self.html = html


class Legend(MacroElement):
    """A Leaflet control in a corner of the map holding ready-made (already escaped) HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "shuttle-legend");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft"):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.position = position
